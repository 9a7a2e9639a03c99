"""Evaluation over the API: joint activities with their targets, our evaluations of
them, and the lessons learned (activities.py). Routes in config/api.py."""
