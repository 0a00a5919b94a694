"""The outbox dispatcher: the one place that sends proactive messages.

Dialogs and the scheduler only write rows (`storage.outbox`); the dispatcher claims the due ones, sends them
through the service's CloudAdapter and marks them sent. Teams throttles per conversation and per tenant, and
botbuilder's connector client does not retry, so pacing and retries live here:

- a throttled or failing send is rescheduled in the table (`Retry-After`, else exponential backoff with jitter),
  so a waiting row never blocks the others; after the last attempt the row is marked failed with the reason
  (`policy`);
- sends are paced by sliding-window budgets per conversation and per tenant; a row whose conversation is over
  budget for long goes back to the table unsent instead of holding a slot (`pacing`);
- a row goes to its stored conversation, or opens a 1:1 chat with its person (`routing`, `delivery`);
- at most `in_flight` rows are held at once, which bounds what a crash can send twice;
- outcomes that finish while a database write runs are written together in the next transaction (`dispatcher`).

A commit that added rows calls `Dispatcher.wake`, so a turn's message goes out at once rather than at the next poll.
"""

from bot.outbox.dispatcher import DISPATCHER_KEY, Dispatcher, DispatchOptions, attach
from bot.outbox.pacing import CONVERSATION_BUDGET, TENANT_BUDGET, Pacer, Window
from bot.outbox.policy import classify, parse_retry_after, retry_delay

__all__ = [
    "CONVERSATION_BUDGET",
    "DISPATCHER_KEY",
    "TENANT_BUDGET",
    "DispatchOptions",
    "Dispatcher",
    "Pacer",
    "Window",
    "attach",
    "classify",
    "parse_retry_after",
    "retry_delay",
]
