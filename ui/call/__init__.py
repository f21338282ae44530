"""Page ``call``: the live call workspace for contact-center agents and supervisors."""
