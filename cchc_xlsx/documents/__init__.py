"""The documents the Office sends upward: the self-assessment dossier and the periodic report,
laid out as Decree 30/2020/NĐ-CP sets out for an administrative document (``decree30``)."""
