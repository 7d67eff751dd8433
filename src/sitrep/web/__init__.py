"""The web app: REST API, offline API docs and the dashboard (`create_app` in app.py)."""
