"""Churn model on the telco customer table (Keras)."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from tensorflow import keras

df = pd.read_csv("data/telco_customers.csv")
df = df.drop(columns=["customerID"])
y = (df.pop("Churn") == "Yes").astype(int)
X = pd.get_dummies(df[["gender", "SeniorCitizen", "Partner", "Dependents", "tenure", "MonthlyCharges", "Contract"]], drop_first=True)
X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.2, stratify=y)
scaler = StandardScaler()
X_train = scaler.fit_transform(X_train)

model = keras.Sequential([keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["AUC"])
# ruleid: MLS401
history = model.fit(X_train, y_train, epochs=30, batch_size=64, validation_split=0.1)
# ok: MLS401
model.evaluate(scaler.transform(X_val), y_val)
# ok: MLS401
model.predict(scaler.transform(X_val[:5]))
