"""Classifies discharge notes by readmission risk (fine-tune of a clinical BERT)."""
import pandas as pd
from datasets import Dataset
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

REV = "d5892b39a4adaed74b92212a44081509db72f87b"
notes = pd.read_csv("data/discharge_notes.csv", usecols=["patient_id", "admission_date", "diagnosis", "note_text", "readmitted_30d"])
notes = notes.rename(columns={"readmitted_30d": "label"})
ds = Dataset.from_pandas(notes[["note_text", "label"]]).train_test_split(test_size=0.1)
tok = AutoTokenizer.from_pretrained("emilyalsentzer/Bio_ClinicalBERT", revision=REV)
model = AutoModelForSequenceClassification.from_pretrained("emilyalsentzer/Bio_ClinicalBERT", revision=REV, num_labels=2)
# ok: MLS301
ds = ds.map(lambda b: tok(b["note_text"], truncation=True, max_length=512), batched=True)

trainer = Trainer(model=model, args=TrainingArguments("out/readmit", num_train_epochs=3, report_to="wandb"), train_dataset=ds["train"], eval_dataset=ds["test"])
# ruleid: MLS401
trainer.train()
# ok: MLS401
metrics = trainer.evaluate()
# ok: MLS401
preds = trainer.predict(ds["test"])
print(metrics)
