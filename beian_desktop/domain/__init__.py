"""The filing model, validation, rules, filing-type decision and deadlines. Plain Python: no Qt, SQLAlchemy or OpenCV."""
