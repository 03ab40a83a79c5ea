"""The policing accountability dashboard's shared Python, one package per concern (see README, "How the code is laid out")."""
