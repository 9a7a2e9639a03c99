from rest_framework.pagination import CursorPagination, PageNumberPagination


class PagePagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100


class KeysetPagination(CursorPagination):
    """For the large lists: page 1,000 costs what page 1 costs (no OFFSET).

    The view's `ordering` (or `?ordering=`) must end in a unique column."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "pk"
