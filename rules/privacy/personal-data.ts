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
];

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
export const DP_LIBRARIES = /^(opacus|tensorflow_privacy|tf_privacy|jax_privacy|diffprivlib|pydp|dp_accounting|private_transformers|dp_transformers)\b/;
export const DP_METHODS = new Set(['make_private', 'make_private_with_epsilon']);
