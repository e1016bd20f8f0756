"""Helpers shared by this site's own plugins (not a plugin itself): see build_state."""
