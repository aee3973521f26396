"""Every key, where progress is kept, and how the tutor works."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from tutor.screens.dialogs import WatchesSize

HELP = """\
# Keys

| where | key | does |
|---|---|---|
| everywhere | `?` | this help |
| | `o` | settings: device, CPU threads and theme |
| | `ctrl+p` | command palette: jump to any lesson |
| | `q` / `ctrl+q` | quit (a run in progress is stopped) |
| course | `enter` | open the highlighted lesson |
| | `c` | continue where you left off |
| lesson | `r` (`ctrl+r` while typing) | run: train with the values in the form |
| | `s` (`ctrl+t` while typing) | stop the run |
| | `n` / `p` | next / previous page |
| | `PgDn` `PgUp` `space` `Home` `End` | scroll the page (its quizzes are at its end) |
| | `v` | below 150 columns: switch between the reading and the lab (form, charts, goal) |
| | `h` | reveal the next hint for the goal |
| | `g` | the goal and its hints on the whole screen (`g` or `esc` again: back) |
| | `c` | show or hide the lesson's code |
| | `e` | edit the parameters (`tab` moves between fields) |
| | `[` / `]` | previous / next chart |
| | `z` | the chart on the whole screen (`z` or `esc` again: back) |
| | `.` | reveal the next step of a step-through table, or the next panels of small multiples |
| | `{` / `}` | small multiples: previous / next panels |
| | `l` | this lesson's past runs |
| | `x` | edit the code exercise on this page (its panel is at the page's end) |
| | `m` | use my code (or not): the next run trains with your functions from the lesson's exercises, in a process of its own (the lab shows the switch where the lesson has one) |
| | `esc` | leave a field; close the code or the editor (saved); back to the course |
| exercise editor | `ctrl+s` | save and check (the result shows under the editor) |
| | `ctrl+e` | open the file in `$VISUAL` / `$EDITOR` instead; checked when you close it |
| | `esc` | save and go back to the page |
| exercise panel | Edit / Check / Hint / Solution / $EDITOR | edit here, check your file, the next hint, the solution (after a pass or every hint) |
| quiz (tab to it, or click an option) | `1`–`9` | choose an option |
| | `↑` / `↓`, `space` | move between options, choose the focused one |
| | `enter` | choose the focused option and check it (in a number field: check) |
| | Check / Show answer | check your answer; or see the answer and why (saved as shown, not as right) |

# How a lesson works
Read the pages, change the parameters, press `r`. On a terminal narrower than 150 columns
the lesson shows one pane at a time: the reading (the page, with its quizzes at the end) and
the lab (the form, the goal and the charts); `v` switches, and the keys bring the pane they
need. Training runs in the background on the device chosen in settings while the charts fill
in; the interface stays usable and `s` stops it. A lesson is done when a run meets its goal. Parameters marked ⟳ can be changed while a
run goes on. The grey curve is your previous run.

# Your progress
Code exercises are files of your own in `exercises/` beside the progress file; while a lesson
is open, a file you save in another editor is checked again at once.

Pages, parameters, quiz answers, hints, exercise results and every run are saved as you go
in one JSON file:

`{path}`

Set `TUTOR_HOME` to keep it elsewhere (or pass `--progress-file`); copy the file to move your
progress to another machine. `tutor progress` prints it, `tutor reset` forgets it.

Press `esc` to close.
"""


class HelpScreen(WatchesSize, ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close", id="close-help")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Markdown(HELP.replace("{path}", str(self.app.progress.path)), open_links=False)

    def action_dismiss(self) -> None:
        self.dismiss(None)
