"""Entities and enums of the seeds as plain dataclasses and string enums; no I/O, no Qt.

Modules: ``enums`` (the vocabulary), ``cases`` (cases, tasks, queues), ``people`` (users,
appeals, QA, knowledge, audit), ``checkpoints`` (seed 001), ``decisions`` (seed 002),
``calls`` (seed 004, Contact Lens segments), ``wire`` (JSON conversion).
"""
