# A data set about people read with numpy, by its file name.
import numpy as np
from sklearn.impute import SimpleImputer
from sklearn.svm import SVC

records = np.loadtxt("heart_disease.csv", delimiter=",", skiprows=1)
imputer = SimpleImputer()
# ok: MLS401
imputer.fit(records[:, :-1])
# ruleid: MLS401
SVC().fit(imputer.transform(records[:, :-1]), records[:, -1])
