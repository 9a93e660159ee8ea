"""Compare each story of a folder on its own: group the articles (core.stories), then compare every group.

A folder of one story is compared exactly as compare_loaded compares it today (same sources, same
options, same problems). With several stories, each is compared as if its articles were alone in a
folder (the same articles, in folder order), so its links, rows, statistics and findings are those of
that story aligned alone; an article that fits no story is compared alone (one version, nothing shared).

Given the previous result for the folder (`previous`), a story whose articles (paths, encodings and texts)
and options are unchanged keeps its comparison, editorial checks included: after an editor moves one
article, only the two stories it left and joined are compared again.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field
from typing import Iterable, Optional

from copydesk.core.comparison import CompareOptions, compare_loaded
from copydesk.core.corpus import FolderError, LoadResult, load_folder
from copydesk.core.model import Comparison, Problem
from copydesk.core.paragraph_memo import ParagraphMemo
from copydesk.core.stories import Story, StoryGrouping, StoryOptions, StoryOverride, group_stories
from copydesk.core.tasks import CancelToken, ProgressCallback, checkpoint, report

__all__ = ["StoryComparison", "FolderStories", "compare_stories", "compare_folder_stories", "story_title",
           "choose_story", "story_list", "StoryChoiceError"]

# Where a story's compare_loaded stands, from the stage it reports (its stages restart at 0 each):
# segmenting is quick, aligning and the word spans share the rest.
_STAGE_SPAN = {"segment": (0.0, 0.1), "align": (0.1, 0.5), "spans": (0.5, 0.95)}


@dataclass(frozen=True)
class StoryComparison:
    """One story and its own comparison; indices inside `comparison` count this story's articles only."""

    story: Story
    comparison: Comparison
    title: str  # the headline of the likely original, else of the story's first article

    @property
    def id(self) -> str:
        """The story's stable id (core.stories.Story.id)."""
        return self.story.id

    @property
    def paths(self) -> tuple[str, ...]:
        """The story's article paths, in folder order."""
        return self.story.paths

    @property
    def mean_unique(self) -> float:
        """How much the versions differ: the mean share of an article's words no other version carries."""
        stats = self.comparison.stats
        return round(sum(s.unique for s in stats) / len(stats), 4) if stats else 0.0


@dataclass(frozen=True)
class FolderStories:
    """The stories of a folder, each compared on its own, ordered by their first article in folder order."""

    folder: str
    stories: tuple[StoryComparison, ...]
    grouping: StoryGrouping
    problems: tuple[Problem, ...] = ()  # the folder's unreadable files and caveats (not repeated per story)
    timings_ms: dict = field(default_factory=dict, compare=False, hash=False)
    options: Optional[CompareOptions] = field(default=None, compare=False)  # what the stories were compared with
    reused: int = field(default=0, compare=False)  # stories whose comparison came from `previous` unchanged

    @property
    def single(self) -> bool:
        """True when the folder holds one story (its comparison is the folder's comparison as before)."""
        return len(self.stories) == 1

    def by_id(self, story_id: str) -> Optional[StoryComparison]:
        """The story with this id, or None (e.g. after a regrouping dissolved it)."""
        return next((s for s in self.stories if s.id == story_id), None)

    def story_of(self, path: str) -> Optional[int]:
        """Index of the story holding the article at path, or None."""
        return self.grouping.story_of(path)

    def with_comparison(self, index: int, comparison: Comparison) -> "FolderStories":
        """A copy whose story `index` holds comparison (e.g. the same one once the editorial checks ran)."""
        story = self.stories[index]
        changed = StoryComparison(story.story, comparison, story_title(comparison))
        return dataclasses.replace(self, stories=self.stories[:index] + (changed,) + self.stories[index + 1:])


def story_title(c: Comparison) -> str:
    """The headline of the likely original (when the checks ranked the sources), else of the first article."""
    if not c.articles:
        return ""
    first = c.source_ranking[0].article if c.source_ranking else 0
    art = c.articles[first] if 0 <= first < len(c.articles) else c.articles[0]
    return " ".join((art.title or art.name).split())


def compare_folder_stories(folder: str, options: CompareOptions = CompareOptions(),
                           story_options: StoryOptions = StoryOptions(), overrides: Iterable[StoryOverride] = (),
                           progress: Optional[ProgressCallback] = None, cancel: Optional[CancelToken] = None,
                           previous: Optional[FolderStories] = None) -> FolderStories:
    """Load folder, find its stories and compare each (see compare_stories)."""
    t0 = time.perf_counter()
    loaded = load_folder(folder, options.recursive, options.max_bytes, progress, cancel)
    return compare_stories(loaded, options, story_options, overrides, progress, cancel,
                           load_ms=(time.perf_counter() - t0) * 1000, previous=previous)


def compare_stories(loaded: LoadResult, options: CompareOptions = CompareOptions(),
                    story_options: StoryOptions = StoryOptions(), overrides: Iterable[StoryOverride] = (),
                    progress: Optional[ProgressCallback] = None, cancel: Optional[CancelToken] = None,
                    load_ms: float = 0.0, previous: Optional[FolderStories] = None) -> FolderStories:
    """Group loaded's articles into stories and compare each on its own; FolderError below two articles.

    Progress: stage "stories" while grouping, then "compare" with the share of the folder's text done
    (a story weighs its length). Cancel is honoured between and inside the stories' comparisons.
    previous: the folder's last result; its comparisons of unchanged stories are kept (module docstring).
    """
    t0 = time.perf_counter()
    sources = tuple(s for s in loaded.sources if s.path not in options.excluded)
    if len(sources) < 2:
        compare_loaded(loaded, options, progress, cancel, load_ms)  # raises FolderError, worded as always
        raise FolderError(f"{loaded.folder}: needs at least two readable articles", loaded.problems)
    memo = ParagraphMemo()  # grouping and comparing read the same paragraphs: tokenize and judge each once
    grouping = group_stories(sources, story_options, overrides, progress, cancel, memo)
    t_group = time.perf_counter()
    checkpoint(cancel)
    stories: tuple[StoryComparison, ...]
    known = _reusable(previous if previous is not None and previous.folder == loaded.folder else None, options)
    if len(grouping.stories) == 1:
        kept = known.get(_content(sources))
        if kept is not None:
            comparison = _checked(dataclasses.replace(kept, problems=loaded.problems), options, cancel)
        else:  # exactly as without stories
            comparison = compare_loaded(loaded, options, progress, cancel, load_ms, memo)
        stories = (StoryComparison(grouping.stories[0], comparison, story_title(comparison)),)
    else:
        stories = _compare_each(loaded, sources, grouping, options, progress, cancel, known, memo)
    report(progress, "compare", 1.0)
    t_end = time.perf_counter()
    timings = {"load": round(load_ms, 2), "stories": round((t_group - t0) * 1000, 2),
               "compare": round((t_end - t_group) * 1000, 2), "total": round(load_ms + (t_end - t0) * 1000, 2)}
    reused = sum(1 for s in stories if _content(s.comparison.articles) in known)
    return FolderStories(loaded.folder, stories, grouping, loaded.problems, timings, options, reused)


def _content(articles: Iterable) -> tuple:
    """What a story's comparison depends on besides the options: its articles' paths, encodings and texts."""
    return tuple((a.path, a.encoding, a.text) for a in articles)


def _reusable(previous: Optional[FolderStories], options: CompareOptions) -> dict[tuple, Comparison]:
    """previous's comparisons by content, when they were made with the same options (checks aside)."""
    if previous is None or previous.options is None:
        return {}

    def plain(o: CompareOptions) -> CompareOptions:
        return dataclasses.replace(o, excluded=frozenset(), run_checks=False, min_articles=2)

    if plain(previous.options) != plain(options):
        return {}  # e.g. another link threshold or boilerplate pattern: every story is compared again
    return {_content(s.comparison.articles): s.comparison for s in previous.stories}


def _checked(c: Comparison, options: CompareOptions, cancel: Optional[CancelToken]) -> Comparison:
    """c with the editorial checks when they are asked for and have not run on it yet."""
    if not options.run_checks or c.checks_ran:
        return c
    from copydesk.core.findings import run_checks  # as compare_loaded does; only when checks are asked for

    return run_checks(c, cancel)


def _compare_each(loaded: LoadResult, sources: tuple, grouping: StoryGrouping, options: CompareOptions,
                  progress: Optional[ProgressCallback], cancel: Optional[CancelToken],
                  known: dict[tuple, Comparison], memo: Optional[ParagraphMemo] = None
                  ) -> tuple[StoryComparison, ...]:
    """Each story's articles compared as if alone in the folder (folder order, no folder-wide problems)."""
    own = dataclasses.replace(options, excluded=frozenset(), min_articles=1)
    weights = [sum(len(sources[m].text) for m in story.members) or 1 for story in grouping.stories]
    whole = float(sum(weights))
    done = 0.0
    out = []
    for story, weight in zip(grouping.stories, weights):
        checkpoint(cancel)
        alone = LoadResult(loaded.folder, tuple(sources[m] for m in story.members), ())
        kept = known.get(_content(alone.sources))
        if kept is not None:  # unchanged since the last comparison (an editor moved another article)
            comparison = _checked(dataclasses.replace(kept, problems=()), own, cancel)
        else:
            comparison = compare_loaded(alone, own, _scaled(progress, done / whole, weight / whole), cancel,
                                        memo=memo)
        out.append(StoryComparison(story, comparison, story_title(comparison)))
        done += weight
        report(progress, "compare", done / whole)
    return tuple(out)


def _scaled(progress: Optional[ProgressCallback], start: float, share: float) -> Optional[ProgressCallback]:
    """A progress callback for one story's comparison that reports the folder's overall 'compare' fraction."""
    if progress is None:
        return None
    best = [start]

    def inner(stage: str, fraction: float) -> None:
        lo, hi = _STAGE_SPAN.get(stage, (0.0, 0.0))
        here = start + share * (lo + (hi - lo) * fraction)
        if here > best[0]:  # never backwards: the stages of one story restart at 0
            best[0] = here
            report(progress, "compare", here)

    return inner


class StoryChoiceError(ValueError):
    """The story asked for does not exist, or a folder of several stories was given without choosing one."""


def choose_story(found: FolderStories, number: Optional[int], options: CompareOptions = CompareOptions(),
                 cancel: Optional[CancelToken] = None) -> Comparison:
    """Story `number` (1-based, as `copydesk align` numbers them) of found, with the checks when options ask
    and the folder's problems; a folder of one story needs no number. Raises StoryChoiceError."""
    n = len(found.stories)
    if number is None and n > 1:
        raise StoryChoiceError(f"{found.folder} holds {n} stories; choose one with --story N:\n"
                               + story_list(found))
    if number is not None and not 1 <= number <= n:
        which = "one story" if n == 1 else f"{n} stories"
        raise StoryChoiceError(f"--story {number}: {found.folder} holds {which}"
                               + (f":\n{story_list(found)}" if n > 1 else " (--story 1, or leave it out)"))
    c = found.stories[(number or 1) - 1].comparison
    if c.problems != found.problems:  # the folder's unreadable files are said whatever story is exported
        c = dataclasses.replace(c, problems=found.problems)
    return _checked(c, options, cancel)


def story_list(found: FolderStories, limit: int = 20) -> str:
    """'  --story 1  Headline (5 versions)' per story, the first `limit` of them, then how many more."""
    from copydesk.core.findings.source import source_scores  # no spaCy: the likely original, as the checks find it

    lines = []
    for k, s in enumerate(found.stories[:limit], 1):
        c = s.comparison
        title = s.title if c.source_ranking or len(c.articles) < 2 else \
            story_title(dataclasses.replace(c, source_ranking=tuple(source_scores(c))))  # as `copydesk align` says
        title = title if len(title) <= 70 else (title[:70].rsplit(" ", 1)[0] or title[:70]) + "…"
        lines.append(f"  --story {k}  {title} ({len(s.paths)} version{'' if len(s.paths) == 1 else 's'})")
    if len(found.stories) > limit:
        lines.append(f"  … and {len(found.stories) - limit} more (`copydesk align FOLDER` lists them all)")
    return "\n".join(lines)
