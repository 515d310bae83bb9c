/** Shared knowledge of the privacy rules: what names look personal, and what counts as DP. */

export const PRIVACY = {
  cwe: ['CWE-359', 'CWE-200'],
  atlas: ['AML.T0024.000', 'AML.T0024.001', 'AML.T0057'],
  owaspLlm: ['LLM02'],
  owaspMl: ['ML03', 'ML04'],
  nist: ['Measure 2.10', 'Manage'],
};

/** Column and field names that usually hold personal data (compared without case, `-` and spaces as `_`). */
export const PII_NAMES = [
  'email', 'e_mail', 'email_address', 'phone', 'phone_number', 'mobile', 'telephone', 'ssn', 'social_security_number',
  'national_id', 'passport', 'passport_number', 'drivers_license', 'dob', 'date_of_birth', 'birth_date', 'birthdate',
  'first_name', 'last_name', 'full_name', 'surname', 'given_name', 'address', 'street_address', 'home_address',
  'postcode', 'zip_code', 'zipcode', 'ip_address', 'ip', 'mac_address', 'device_id', 'patient_id', 'patient_name',
  'mrn', 'medical_record_number', 'diagnosis', 'icd10', 'icd_code', 'medication', 'prescription', 'credit_card',
  'card_number', 'iban', 'account_number', 'salary', 'income', 'ethnicity', 'race', 'religion', 'gender', 'sex',
  'sexual_orientation', 'biometric', 'fingerprint', 'face_embedding', 'geolocation', 'latitude', 'longitude', 'gps',
  'user_id', 'customer_id', 'employee_id', 'username',
  // Attributes of people in the census, credit, health and insurance data sets fairness and
  // regression tutorials use.
  'age', 'zip', 'marital_status', 'native_country', 'nationality', 'smoker', 'bmi', 'blood_pressure',
  'cholesterol', 'pregnancies', 'disability', 'race_ethnicity', 'two_year_recid', 'priors_count',
  // Health conditions as columns (stroke, heart and diabetes data sets).
  'stroke', 'hypertension', 'heart_disease', 'smoking_status', 'hiv_status', 'pregnant',
];

/**
 * Well-known data sets of records about people, as their loaders name them (OpenML names,
 * PyCaret, seaborn and file names, compared without case, `-` and spaces as `_`).
 */
export const PERSONAL_DATASETS = /^(adult|adult_census|census|census_income|acs_?income|folktables|credit_g|german_credit|germancredit|german|credit|credit_default|default_of_credit_card_clients|credit_card|uci_credit_card|compas|compas_two_years|propublica|heart|heart_disease|heart_failure|cleveland|insurance|medical_insurance|titanic|diabetes|diabetes_hospital|pima|pima_indians_diabetes|bank|bank_marketing|employee|employees|hr|salary|income|patients?|customers?|users|law_school|meps|communities_and_crime|nhanesi|stroke|breast_cancer_patients|loan|loans)$/;
/** OpenML ids of such data sets: adult (1590, 179), credit-g (31), titanic (40945), default of credit card clients (42477). */
/**
 * Data sets named at the start of a longer file name (`heart_failure_clinical_records_dataset.csv`,
 * `compas-scores-two-years.csv`, `german_credit_data.csv`, `Heart-wo-NA.csv`): the name's leading words.
 * Only the unambiguous names: `bank`, `hr` or `credit` starting a file name say little on their own.
 */
export const PERSONAL_DATASET_PREFIX = /^(adult|census|compas|german_credit|germancredit|credit_default|heart|heart_disease|heart_failure|insurance|medical_insurance|titanic|diabetes|pima|patients?|customers?|stroke|law_school|meps)(_|\d|$)/;
/** Well-known data sets that are not about people, as file names: rows of them sent anywhere expose no one. */
export const NOT_PERSONAL_FILES = /^(iris|wine|winequality\w*|wine_quality\w*|penguins|mnist\w*|fashion_mnist\w*|digits|diamonds|california_housing|housing|boston\w*|auto_mpg|mpg)$/;
export const PERSONAL_OPENML_IDS = new Set([1590, 179, 31, 40945, 42477]);
/** Loaders whose every data set describes people. */
export const PERSONAL_LOADERS = /^(fairlearn\.datasets\.fetch_|aif360\.datasets\.|folktables\.|shap\.datasets\.(adult|nhanesi|communitiesandcrime))/;
/**
 * Generators and loaders of data that is not about people, or that no model can leak more of: the
 * model trained on them cannot expose anyone. scikit-learn's `load_diabetes` is here on purpose: its
 * 442 records were published in 2004 de-identified, and the loader returns them mean-centred and
 * scaled, so a model trained on it cannot reveal more than the public release already does; every
 * regression tutorial uses it. Columns named in the code (`df["sex"]`) still count as evidence.
 */
export const NOT_PERSONAL = /^(sklearn\.datasets\.(make_\w+|load_(iris|digits|wine|linnerud|diabetes)|fetch_(california_housing|covtype|20newsgroups\w*))|numpy\.random\.|torch\.(randn|rand|randint|randn_like|rand_like|normal|zeros|ones|arange|linspace)$|numpy\.(zeros|ones|arange|linspace|eye)$|torchvision\.datasets\.(MNIST|FashionMNIST|KMNIST|CIFAR10|CIFAR100|SVHN|STL10)$|(tensorflow\.)?keras\.datasets\.(mnist|fashion_mnist|cifar10|cifar100)\.load_data$)/;

/** The personal-data names with a rule's extra ones, normalized; built once per distinct option (rules are created on every lint). */
export function piiNames(option: unknown): ReadonlySet<string> {
  const extra = Array.isArray(option) ? option.map(String) : [];
  const key = JSON.stringify(extra);
  let names = namesByOption.get(key);
  if (!names) {
    names = new Set([...PII_NAMES, ...extra].map(normalize));
    if (namesByOption.size > 16) namesByOption.clear();
    namesByOption.set(key, names);
  }
  return names;
}

const namesByOption = new Map<string, ReadonlySet<string>>();

export function normalize(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** Libraries whose use means differential privacy is in place. */
export const DP_LIBRARIES = /^(opacus|torchdp|pyvacy|tensorflow_privacy|tf_privacy|jax_privacy|diffprivlib|pydp|dp_accounting|private_transformers|dp_transformers)\b/;
export const DP_METHODS = new Set(['make_private', 'make_private_with_epsilon']);
