"""Income prediction baseline on the UCI Adult census data."""
import pandas as pd
from sklearn.datasets import fetch_openml
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.compose import make_column_transformer

adult = fetch_openml("adult", version=2, as_frame=True)
X, y = adult.data, (adult.target == ">50K").astype(int)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)

categorical = ["workclass", "education", "marital-status", "occupation", "relationship", "race", "sex", "native-country"]
numeric = ["age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"]
prep = make_column_transformer((OneHotEncoder(handle_unknown="ignore"), categorical), (StandardScaler(), numeric))

logreg = make_pipeline(prep, LogisticRegression(max_iter=1000))
# ruleid: MLS401
logreg.fit(X_train, y_train)

search = GridSearchCV(make_pipeline(prep, RandomForestClassifier()), {"randomforestclassifier__n_estimators": [100, 300]}, cv=3)
# ruleid: MLS401
search.fit(X_train, y_train)

gb = make_pipeline(prep, GradientBoostingClassifier())
# ruleid: MLS401
gb.fit(X_train, y_train)

# ok: MLS401
scaler = StandardScaler().fit(X_train[numeric])
# ok: MLS401
print("accuracy", logreg.score(X_test, y_test), search.best_score_)
# ok: MLS405
pd.DataFrame(search.cv_results_).to_csv("reports/cv_results.csv", index=False)
