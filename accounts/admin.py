from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.admin_mixins import StaffReadOnlyAdminMixin

from .models import LocalGroup, User


@admin.register(User)
class UserAdmin(StaffReadOnlyAdminMixin, BaseUserAdmin):
    list_display = ["username", "email", "local_group", "is_staff", "is_active"]
    list_filter = ["groups", "local_group", "is_staff", "is_active"]
    list_select_related = ["local_group"]
    fieldsets = (*BaseUserAdmin.fieldsets, (_("Local group"), {"fields": ["local_group"]}))


@admin.register(LocalGroup)
class LocalGroupAdmin(StaffReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["name", "region", "contact_email"]
    search_fields = ["name", "region"]
