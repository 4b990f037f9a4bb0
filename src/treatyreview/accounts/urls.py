"""Signing in and out, activation, passwords, two-factor authentication, API tokens; the secretariat's account pages."""

from django.contrib.auth import views as auth_views
from django.urls import path

from treatyreview.accounts import views

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/activate/<str:token>/", views.account_activate, name="account_activate"),
    path("accounts/two-factor/verify/", views.two_factor_verify, name="two_factor_verify"),
    path("accounts/two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("accounts/two-factor/recovery-codes/", views.recovery_codes_renew, name="recovery_codes_renew"),
    path("accounts/security/", views.security, name="security"),
    path("accounts/sign-out-everywhere/", views.sign_out_everywhere, name="sign_out_everywhere"),
    path("accounts/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/password-reset/sent/",
         auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
         name="password_reset_done"),
    path("accounts/password-reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("accounts/password-reset/done/",
         auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
         name="password_reset_complete"),
    path("accounts/tokens/", views.token_list, name="token_list"),
    path("accounts/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("secretariat/accounts/", views.account_list, name="account_list"),
    path("secretariat/accounts/<int:pk>/", views.account_detail, name="account_detail"),
    path("secretariat/accounts/<int:pk>/deactivate/", views.account_deactivate, name="account_deactivate"),
    path("secretariat/accounts/<int:pk>/two-factor/remove/", views.second_factor_remove,
         name="second_factor_remove"),
    path("secretariat/accounts/<int:pk>/reactivate/", views.account_reactivate, name="account_reactivate"),
    path("secretariat/accounts/<int:pk>/activation/", views.activation_resend, name="activation_resend"),
    path("secretariat/role-grants/<int:pk>/end/", views.role_grant_end, name="role_grant_end"),
    path("secretariat/nominations/", views.nomination_list, name="nomination_list"),
    path("secretariat/nominations/<int:pk>/account/", views.nomination_account_create,
         name="nomination_account_create"),
]
