"""The compliance rules: one module per family, each rule a check function of the model.

Installed as ``privlint.checks``. Every module here is a rule family: its docstring documents
the family and every ``Rule`` it defines (see ``privlint.rules.rule``) joins the registry
(``privlint.catalogue``).
"""
