urlpatterns: list = []  # no pages at all (test_reversing)
