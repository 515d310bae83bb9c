import os

from flask import Flask


class Config:
    # ok: MLS207
    SECRET_KEY = os.environ.get("SECRET_KEY")
    # ok: MLS207
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", "sqlite:///dev.db")
    # ok: MLS207
    SQLALCHEMY_TRACK_MODIFICATIONS = False


class ProductionConfig(Config):
    # ruleid: MLS207
    # ok: MLS406
    SQLALCHEMY_DATABASE_URI = "mysql+pymysql://scorer:Xk29vLq7pR@mysql.prod.internal/scoring"
    # ruleid: MLS207
    SECRET_KEY = "b7e4c1a9f2d8e6b3a5c7d9f1e3b5a7c9"


class TestConfig(Config):
    # ok: MLS207
    SECRET_KEY = "test"
    # ok: MLS207
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    # ok: MLS207
    WTF_CSRF_ENABLED = False


def create_app():
    app = Flask(__name__)
    app.config.from_object(ProductionConfig if os.environ.get("ENV") == "prod" else Config)
    # ruleid: MLS207
    app.config["JWT_SECRET_KEY"] = "9hF2kLm4Qx7Zp1Vt8Ws3Ry6Nb0Jc5Dg"
    # ruleid: MLS207
    app.config.update(MAIL_PASSWORD="mailpw-Tq83nLs02k")
    # ok: MLS207
    app.config.update(MAIL_USERNAME="alerts", MAIL_PORT=587)
    # ok: MLS207
    app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    return app
