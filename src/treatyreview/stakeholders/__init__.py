"""Civil society, the private sector and academia: organizations, accreditation, contributions, dialogues."""
