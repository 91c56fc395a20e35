"""The one way in for the front ends: a home's data opened, and the services acting on it.

``open_services`` reads the config and opens (and migrates) the database of a home;
the ``Services`` it returns hands the TUI and the CLI what they call: the decks
(``library``), the cards (``cards``, ``browser``), drills (``new_session``), the
catch-up plan, the leeches, the interviews and their debriefs, the story bank
(``stories``), the user's own answers (``answers``), the review log, the reports and
the backups. The store stays inside: each service
takes the parts it needs, and only this facade holds them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from prepdeck.clock import Clock, SystemClock
from prepdeck.config import Config, load_config
from prepdeck.domain.days import app_day
from prepdeck.paths import Locations, locations
from prepdeck.store import Store, connect

# Each service is imported when first asked for: a command needs one or two of them, and
# the modules of the others would only slow its start.
if TYPE_CHECKING:
    from pathlib import Path

    from prepdeck.domain.cram import CramRequest
    from prepdeck.library.anki_import import AnkiImport, ImportProgress
    from prepdeck.library.decks import Library
    from prepdeck.library.preview import DeckPreview
    from prepdeck.library.reviews import ReviewHistory
    from prepdeck.library.sources import DeckSources, Offered
    from prepdeck.library.updates import DeckUpdates
    from prepdeck.maintenance.backups import Backups, DailyBackup
    from prepdeck.prep.answers import OwnAnswers
    from prepdeck.prep.coverage import Coverage, StoryCoverage
    from prepdeck.prep.day_of import DayOfChecklist
    from prepdeck.prep.debrief import Debriefs
    from prepdeck.prep.interviews import Interview, Interviews
    from prepdeck.prep.planning import InterviewPlan, Planner
    from prepdeck.prep.readiness import Readiness
    from prepdeck.prep.stories import StoryBank
    from prepdeck.reports.overview import DeckRow
    from prepdeck.reports.progress import Progress
    from prepdeck.reports.stats import Stats
    from prepdeck.reports.today import TodayFigures
    from prepdeck.srs import SrsScheduler
    from prepdeck.srs.fit import RetentionAdvice
    from prepdeck.store import MergeReport
    from prepdeck.store.parameters import ParameterSet
    from prepdeck.study.browser import CardBrowser
    from prepdeck.study.cards import CardActions
    from prepdeck.study.catch_up import CatchUpPlan
    from prepdeck.study.cram import CramSession
    from prepdeck.study.leeches import LapsedCard
    from prepdeck.study.optimize import Fit, ModelStatus
    from prepdeck.study.optimize import Progress as OptimizeProgress
    from prepdeck.study.rehearse import Rehearse
    from prepdeck.study.session import Session
    from prepdeck.sync.engine import Progress as SyncProgress
    from prepdeck.sync.engine import SyncReport


class Services:
    """Everything a front end does with one user's data, over one database connection
    (for the thread that opened it)."""

    # A plain class rather than a dataclass: defining one costs every start, the app's
    # first frame among them, and nothing compares or prints these.
    __slots__ = ("_scheduler", "_store", "clock", "config", "fuzzing", "locations")

    def __init__(
        self,
        locations: Locations,
        config: Config,
        clock: Clock,
        _store: Store,
        _scheduler: SrsScheduler | None = None,
        fuzzing: bool = True,
    ) -> None:
        self.locations = locations
        self.config = config
        """The settings in force; ``use_config`` changes them."""
        self.clock = clock
        self._store = _store
        self._scheduler = _scheduler
        self.fuzzing = fuzzing
        """Whether FSRS varies long intervals at random, as it should; off only where a
        picture or a test must read the same on every run."""

    @property
    def scheduler(self) -> SrsScheduler:
        """FSRS at the configured retention with the parameter set in force, built on
        first use (``study.scheduling``)."""
        # fsrs is imported only here: commands that only read the database (deck list,
        # stats) never schedule a card, and importing it is a good part of their start.
        if self._scheduler is None:
            from prepdeck.study.scheduling import scheduler_in_force

            self._scheduler = scheduler_in_force(self._store, self.config, fuzzing=self.fuzzing)
        return self._scheduler

    def use_config(self, config: Config) -> None:
        """Settings from now on; a new desired retention gets a scheduler of its own, built
        on first use."""
        self.config = config
        self._scheduler = None

    def reload_parameters(self) -> None:
        """Read the FSRS parameter set in force again on the next schedule: another
        connection (a worker's, another window's) optimised or undid a fit."""
        self._scheduler = None

    def today(self) -> date:
        """The app day now, after the configured day start hour."""
        return app_day(self.clock.now(), self.config.day_start_hour)

    # -- services ------------------------------------------------------------------------

    @property
    def library(self) -> Library:
        """The installed decks: install, remove, pause, limits, export, own cards."""
        from prepdeck.library.decks import Library

        return Library(self._store, self.clock)

    @property
    def sources(self) -> DeckSources:
        """The deck indexes registered: add, list, remove, and search what they offer."""
        from prepdeck.library.sources import DeckSources

        return DeckSources(self._store, self.clock)

    @property
    def updates(self) -> DeckUpdates:
        """Decks from the sources: install by id, see and apply updates."""
        from prepdeck.library.updates import DeckUpdates

        return DeckUpdates(self._store, self.clock)

    def import_anki(
        self,
        path: Path,
        *,
        deck_id: str | None = None,
        with_history: bool = False,
        progress: ImportProgress | None = None,
        shown: str | None = None,
    ) -> AnkiImport:
        """Import the Anki package at ``path``: one deck per non-empty Anki deck, merged in
        as a local deck file is; with ``with_history``, its review log replayed by FSRS
        (see ``library.anki_import``)."""
        from prepdeck.library.anki_import import import_package

        return import_package(
            self._store,
            self.clock,
            path,
            deck_id=deck_id,
            with_history=with_history,
            import_reviews=self.reviews.import_reviews,
            progress=progress,
            shown=shown,
        )

    def preview_offered(self, offer: Offered) -> DeckPreview:
        """Download and validate the deck ``offer`` names, writing nothing: its card
        count and reuse limits before it is installed. Safe from any thread."""
        from prepdeck.library.preview import preview_offered

        return preview_offered(offer)

    @property
    def interviews(self) -> Interviews:
        """The interviews being prepared for, and their company-need cards."""
        from prepdeck.prep.interviews import Interviews

        return Interviews(self._store, self.clock)

    def day_of(self, name: str) -> DayOfChecklist:
        """The day-of checklist of the interview ``name``: its pitch, needs and bridges,
        what to do if something goes wrong, and the questions to ask them."""
        from prepdeck.prep.day_of import day_of_checklist

        return day_of_checklist(self._store, self.clock, name)

    def is_interview_day(self, interview: Interview) -> bool:
        """Whether ``interview`` is still to come today, in app days."""
        from prepdeck.prep.interviews import is_interview_day

        return is_interview_day(interview.at, self.clock.now(), self.config.day_start_hour)

    @property
    def stories(self) -> StoryBank:
        """The STAR story bank: stories, their links to cards, their drill cards."""
        from prepdeck.prep.stories import StoryBank

        return StoryBank(self._store, self.clock)

    @property
    def answers(self) -> OwnAnswers:
        """The user's own answers to cards: read, write, export and import."""
        from prepdeck.prep.answers import OwnAnswers

        return OwnAnswers(self._store, self.clock)

    @property
    def debriefs(self) -> Debriefs:
        """Debriefs after an interview, and the follow-ups to send."""
        from prepdeck.prep.debrief import Debriefs

        return Debriefs(self._store, self.clock, day_start_hour=self.config.day_start_hour)

    @property
    def cards(self) -> CardActions:
        """Suspend, bury and reset one card."""
        from prepdeck.study.cards import CardActions

        return CardActions(self._store, self.clock, day_start_hour=self.config.day_start_hour)

    def browser(self) -> CardBrowser:
        """Search and read every installed card."""
        from prepdeck.study.browser import CardBrowser

        return CardBrowser(
            self._store, self.scheduler, self.clock, day_start_hour=self.config.day_start_hour
        )

    def sync(
        self, remote: str | None = None, *, progress: SyncProgress | None = None
    ) -> SyncReport:
        """Merge with the other homes through ``remote`` (a folder or a git remote; the
        configured ``sync_remote`` when None): their batches in, this home's new one out
        (see ``prepdeck.sync``)."""
        from prepdeck.errors import SyncError
        from prepdeck.paths import sync_clones
        from prepdeck.sync.engine import run_sync

        target = remote or self.config.sync_remote
        if not target:
            raise SyncError(
                "no sync remote: pass --remote PATH|GIT-URL, or set sync_remote in config.toml"
            )
        return run_sync(
            self._store,
            self.clock,
            self.reviews,
            target,
            clones=sync_clones(self.locations.home),
            install_from=self._install_from,
            progress=progress,
        )

    def _install_from(self, deck_id: str, source: str) -> None:
        """Install ``deck_id`` from the source another home installed it from: a
        registered index offering it, else the URL itself."""
        from prepdeck.library.install import prepare_install

        if any(entry.url == source for entry in self._store.sources.all()):
            self.updates.install(deck_id, source=source)
            return
        self.library.merge(prepare_install(source))

    @property
    def rehearse(self) -> Rehearse:
        """Transcribe spoken answers offline; judge answers against a card's key points."""
        from prepdeck.study.rehearse import Rehearse

        return Rehearse(self._store, self.config, self.locations.home)

    @property
    def reviews(self) -> ReviewHistory:
        """The review log as files: export and import."""
        from prepdeck.library.reviews import ReviewHistory

        return ReviewHistory(self._store, self.config)

    # -- the memory model --------------------------------------------------------------

    def optimize(self, *, apply: bool, progress: OptimizeProgress | None = None) -> Fit:
        """FSRS parameters fitted to the log, measured against the set in force; with
        ``apply``, put in force and every card replayed (see ``study.optimize``)."""
        from prepdeck.study.optimize import Optimizer

        try:
            return Optimizer(self._store, self.config, self.clock).fit(
                apply=apply, progress=progress
            )
        finally:
            self._scheduler = None

    def optimize_apart(self) -> Fit:
        """``optimize`` applied, on a connection of its own: safe from a worker thread.
        These services schedule with the set it leaves from then on, whether or not the
        caller is still there to hear of it (a dialog closed before the fit ended)."""
        with self.apart() as other:
            fit = other.optimize(apply=True)
        if fit.applied:
            self.reload_parameters()
        return fit

    def undo_optimize(self, progress: OptimizeProgress | None = None) -> ParameterSet | None:
        """Put back the parameter set the last fit replaced and replay every card; returns
        the set now in force (None: FSRS's defaults)."""
        from prepdeck.study.optimize import Optimizer

        try:
            return Optimizer(self._store, self.config, self.clock).undo(progress)
        finally:
            self._scheduler = None

    def retention_advice(self) -> RetentionAdvice:
        """The desired retention that costs least review time per card remembered."""
        from prepdeck.study.optimize import Optimizer

        return Optimizer(self._store, self.config, self.clock).retention()

    def memory_model(self) -> ModelStatus:
        """The parameter set in force and how much the log has grown since its fit."""
        from prepdeck.study.optimize import Optimizer

        return Optimizer(self._store, self.config, self.clock).status()

    def new_session(
        self,
        deck_ids: Sequence[str] | None = None,
        *,
        first_card: tuple[str, str] | None = None,
    ) -> Session:
        """A drill of ``deck_ids`` (every deck when None) under the configured limits;
        ``first_card`` (deck id, card id) comes first, due or not. Over every deck while
        an interview is coming, the drill follows the plan to it (``study.planned``)."""
        from prepdeck.study.session import Session

        config = self.config
        if deck_ids is None and first_card is None:
            interview = self.planned_interview()
            if interview is not None:
                from prepdeck.study.planned import PlannedSession

                return PlannedSession(
                    self._store,
                    self.scheduler,
                    self.clock,
                    planner=self.planner(),
                    interview=interview,
                    day_start_hour=config.day_start_hour,
                )
        return Session(
            self._store,
            self.scheduler,
            self.clock,
            day_start_hour=config.day_start_hour,
            new_per_day=config.new_per_day,
            reviews_per_day=config.reviews_per_day,
            deck_ids=list(deck_ids) if deck_ids else None,
            first_card=first_card,
        )

    def new_cram(self, request: CramRequest) -> CramSession:
        """A cram as ``request`` asks (see ``prep.cram_target``); for the interview the
        drill plans for, today's cards of the plan come first."""
        from prepdeck.prep.cram_target import resolve_cram
        from prepdeck.study.cram import CramSession, Measured

        target = resolve_cram(
            request,
            now=self.clock.now(),
            interviews=self.interviews,
            check_deck=self.library.active,
        )

        def measure() -> Measured:
            report = self.readiness(target.at, deck_ids=target.deck_ids, limit=0)
            return Measured(report.cards, report.expected_recall)

        planned: list[int] = []
        following = self.planned_interview()
        if (
            following is not None
            and target.interview == following.name
            and not (request.deck_ids or request.kind or request.tag)
        ):
            planned = self.planner().plan(following, self.clock.now(), baseline=False).today
        config = self.config
        return CramSession(
            self._store,
            self.scheduler,
            self.clock,
            target=target,
            measure=measure,
            desired_retention=config.desired_retention,
            day_start_hour=config.day_start_hour,
            reschedule=request.reschedule,
            planned=planned,
        )

    def planner(self, *, minutes_per_day: int | None = None) -> Planner:
        """Plans to an interview under the configured budget (``minutes_per_day`` when
        given); keep one to plan again cheaply after each review."""
        from prepdeck.prep.planning import Budget, Planner

        config = self.config
        return Planner(
            self._store,
            self.scheduler.memory_model(),
            Budget(
                minutes_per_day=minutes_per_day or config.minutes_per_day,
                new_per_day=config.new_per_day,
                reviews_per_day=config.reviews_per_day,
                day_start_hour=config.day_start_hour,
            ),
        )

    def plan(self, interview: str, *, minutes_per_day: int | None = None) -> InterviewPlan:
        """The plan to the interview named ``interview``, from now to its time."""
        return self.planner(minutes_per_day=minutes_per_day).plan(
            self.interviews.get(interview), self.clock.now()
        )

    def plan_apart(self, interview: Interview) -> InterviewPlan:
        """The plan to ``interview`` under the configured budget, on a connection of its
        own: safe from another thread, so a screen can show it without waiting."""
        with self.apart() as other:
            return other.planner().plan(interview, self.clock.now())

    def planned_interview(self) -> Interview | None:
        """The interview the daily drill follows a plan for: the next one to come."""
        upcoming = self.interviews.upcoming()
        return upcoming[0] if upcoming else None

    def catch_up_plan(self) -> CatchUpPlan:
        """How the cards due now spread over the next days under the daily cap."""
        from prepdeck.study.catch_up import catch_up_plan

        return catch_up_plan(
            self._store,
            self.scheduler,
            now=self.clock.now(),
            today=self.today(),
            reviews_per_day=self.config.reviews_per_day,
        )

    def leeches(self) -> list[LapsedCard]:
        """Leeches of decks not removed: those still drilled first, most lapses first."""
        from prepdeck.study.leeches import find_leeches

        return find_leeches(self._store)

    # -- reports -------------------------------------------------------------------------

    def today_figures(self) -> TodayFigures:
        from prepdeck.reports.today import today_figures

        return today_figures(self._store, self.config, self.clock)

    def deck_overview(self, *, include_removed: bool = False) -> list[DeckRow]:
        from prepdeck.reports.overview import deck_overview

        return deck_overview(self._store, self.config, self.clock, include_removed=include_removed)

    def stats(self, *, deck_id: str | None = None) -> Stats:
        from prepdeck.reports.stats import compute_stats

        return compute_stats(self._store, self.config, self.clock, deck_id=deck_id)

    def progress(self, *, deck_id: str | None = None) -> Progress:
        """The progress report: ``stats``'s figures, a year of days, retention by deck and
        kind, the weakest cards now and readiness per interview ahead; ``deck_id`` narrows
        it as ``reports.progress`` says."""
        from prepdeck.reports.progress import compute_progress

        return compute_progress(
            self._store,
            self.config,
            self.clock,
            self.scheduler.forgetting_curve(),
            deck_id=deck_id,
        )

    def readiness(
        self, at: datetime, *, deck_ids: Sequence[str] | None = None, limit: int = 10
    ) -> Readiness:
        """Expected recall at ``at`` of ``deck_ids`` (every active deck when None), with
        the ``limit`` weakest cards."""
        from prepdeck.prep.readiness import readiness

        return readiness(
            self._store,
            self.scheduler.forgetting_curve(),
            at,
            deck_ids=deck_ids,
            limit=limit,
        )

    def interview_readiness(self, interviews: Sequence[Interview]) -> dict[str, Readiness]:
        """Readiness of each interview at its time, over the decks it studies, by name;
        without the weakest cards."""
        from prepdeck.prep.readiness import interview_readiness

        return interview_readiness(self._store, self.scheduler.forgetting_curve(), interviews)

    def interview_readiness_apart(self, interviews: Sequence[Interview]) -> dict[str, Readiness]:
        """``interview_readiness`` on a connection of its own: safe from a thread other
        than the one that opened the home, so a screen can measure without waiting."""
        from prepdeck.prep.readiness import interview_readiness
        from prepdeck.study.scheduling import scheduler_in_force

        where = self.locations
        with connect(where.database, backups_dir=where.backups, clock=self.clock) as store:
            # The parameter set in force is read on this connection: this services' own
            # scheduler may not be built yet, and building it reads its store.
            curve = scheduler_in_force(store, self.config).forgetting_curve()
            return interview_readiness(store, curve, interviews)

    def coverage(
        self,
        *,
        interview: str | None = None,
        deck_id: str | None = None,
        limit: int | None = None,
    ) -> Coverage:
        """How many cards of the interview ``interview``, of the deck ``deck_id`` or (with
        neither) of every active deck have your own answer or a linked story, and the first
        ``limit`` of those with neither (all for None); see ``prep.coverage``."""
        from prepdeck.prep.coverage import CoverageReports, CoverageScope

        scope = CoverageScope(interview, deck_id)
        return CoverageReports(self._store, self.clock).report(scope, limit=limit)

    def story_coverage(
        self, *, interview: str | None = None, deck_id: str | None = None
    ) -> StoryCoverage:
        """The scope's questions that ask for a story, each with your answer and the
        stories linked to it, and the stories of the bank."""
        from prepdeck.prep.coverage import CoverageReports, CoverageScope

        scope = CoverageScope(interview, deck_id)
        return CoverageReports(self._store, self.clock).stories(scope)

    def next_due(self, now: datetime) -> datetime | None:
        """When the next card falls due after ``now``; None when none is scheduled."""
        from prepdeck.reports.today import next_due

        return next_due(self._store, now)

    # -- the bundled decks and the database ---------------------------------------------

    def sync_bundled_apart(self) -> list[MergeReport]:
        """Bring the bundled decks up to date on a connection of its own: safe from a
        thread other than the one that opened the home."""
        from prepdeck.library.bundled import sync_bundled_apart

        return sync_bundled_apart(self.locations, self.clock)

    @property
    def backups(self) -> Backups:
        """Backups of this home's database: taken by hand, or today's automatic one."""
        from prepdeck.maintenance.backups import Backups

        return Backups(
            self._store,
            self.locations.backups,
            self.clock,
            day_start_hour=self.config.day_start_hour,
        )

    def daily_backup_apart(self) -> DailyBackup:
        """Today's automatic backup, unless taken already, on a connection of its own: the
        TUI runs it in a thread after its first frame, so nothing waits for it."""
        with self.apart() as other:
            return other.backups.take_daily()

    def apart(self) -> Services:
        """The same home and settings on a connection of its own, for a thread other than
        the one that opened this one; close it (``with``) when done."""
        other = open_services(
            self.locations, clock=self.clock, sync_bundled=False, fuzzing=self.fuzzing
        )
        other.use_config(self.config)
        return other

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the database; call when idle, e.g. after a drill."""
        self._store.checkpoint()

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> Services:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def open_services(
    where: Locations | None = None,
    *,
    clock: Clock | None = None,
    sync_bundled: bool = True,
    fuzzing: bool = True,
) -> Services:
    """Read the config, open (and migrate) the database, and bring in the bundled decks.

    A new home gets every bundled deck; later, a changed bundled deck merges in unless
    the user removed it or took it over. ``sync_bundled=False`` leaves that for later (the
    TUI does it after its first frame). ``fuzzing=False`` makes every interval the same
    on every run.
    """
    where = where or locations()
    config = load_config(where.config)
    clock = clock or SystemClock()
    store = connect(where.database, backups_dir=where.backups, clock=clock)
    services = Services(locations=where, config=config, clock=clock, _store=store, fuzzing=fuzzing)
    if sync_bundled:
        try:
            services.library.sync_bundled()
        except BaseException:
            store.close()
            raise
    return services
