"""The database and what lives in it beside Rasa's tracker: schema migrations, counsellors'
accounts, audit, erasure and retention, conversation ids and the installation's secret."""
