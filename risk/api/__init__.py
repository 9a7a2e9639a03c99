"""Risk over the API: the assessments of the register (assessments.py) and the event
advisor (advice.py). Routes in config/api.py and config/urls.py."""
