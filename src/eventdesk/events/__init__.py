"""Event coding: ACLED taxonomy, cue lexicon and typing, modality, actors, mentions and merging.

The `events` extractor (`eventdesk.extract.events`) assembles these parts into `Event` records.
"""
