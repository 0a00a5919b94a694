"""Draft knowledge entries made in Teams by an admin, for the editors to review and publish.

`ny kladde` (or a `draft.new` button on an answered escalation or the weekly list of gaps) opens a form; saving
checks the draft exactly as `kb check` checks an entry and stores it (`storage.drafts`). It is not served: `medbot
kb drafts export` writes the drafts as YAML into the knowledge folder, editors review it in git, and `kb reload`
publishes it. `rules` are the pure checks, `cards` the cards, `texts` every Danish sentence, `export` the YAML.
"""

from dialogs.drafts.handlers import new_draft, open_form, save

__all__ = ["new_draft", "open_form", "save"]
