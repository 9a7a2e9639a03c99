from rest_framework import mixins, viewsets


# List, show, create and change; nothing is deleted through the API (the pages delete
# nothing either: records end, they do not vanish). A comment, not a docstring: the
# schema would show a docstring as every subclass's description.
class ReadWriteViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    pass
