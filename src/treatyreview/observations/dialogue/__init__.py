"""The desk review and the dialogue: written feedback per article, threads answering it, meetings."""
