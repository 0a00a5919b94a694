"""Help, welcome, linking a channel to a committee (`tilknyt`) and reloading knowledge (`genindlæs`)."""

from dialogs.admin.handlers import confirm_link, link_channel, reload_knowledge, show_help, unlink_channel, welcome

__all__ = ["confirm_link", "link_channel", "reload_knowledge", "show_help", "unlink_channel", "welcome"]
