/**
 * Builds the markdown of a post from content entries. Pure: no Strapi import.
 * Never includes a topic's host guide; never returns an empty post (callers skip).
 */
export interface ReportEntry {
  greeting?: string | null;
  items?: { title?: string | null; summary?: string | null; link?: string | null }[] | null;
  task?: string | null;
  closing?: string | null;
}

const present = (s: string | null | undefined): s is string => typeof s === 'string' && s.trim() !== '';

/** greeting → items → task → closing, blocks separated by blank lines. */
export function reportMarkdown(report: ReportEntry): string {
  const blocks: string[] = [];
  if (present(report.greeting)) blocks.push(report.greeting.trim());
  (report.items ?? []).forEach((item, i) => {
    const lines: string[] = [];
    if (present(item.title)) lines.push(`**${i + 1}. ${item.title.trim()}**`);
    if (present(item.summary)) lines.push(item.summary.trim());
    if (present(item.link)) lines.push(`[${item.link.trim()}](${item.link.trim()})`);
    if (lines.length) blocks.push(lines.join('\n\n'));
  });
  if (present(report.task)) blocks.push(report.task.trim());
  if (present(report.closing)) blocks.push(report.closing.trim());
  return blocks.join('\n\n');
}

export function topicMarkdown(topic: { prompt?: string | null }): string {
  return present(topic.prompt) ? topic.prompt.trim() : '';
}

export function lessonMarkdown(
  lesson: { title?: string | null; body?: string | null; homework?: string | null; liveUrl?: string | null },
  labels: { homework: string; live: string }
): string {
  const blocks: string[] = [];
  if (present(lesson.body)) blocks.push(lesson.body.trim());
  else if (present(lesson.title)) blocks.push(`**${lesson.title.trim()}**`);
  if (present(lesson.liveUrl)) blocks.push(`${labels.live}: [${lesson.liveUrl.trim()}](${lesson.liveUrl.trim()})`);
  if (present(lesson.homework)) blocks.push(`**${labels.homework}:** ${lesson.homework.trim()}`);
  return blocks.join('\n\n');
}

export function welcomeMarkdown(script: { body?: string | null; selfIntroTemplate?: string | null; rules?: string | null }): string {
  return [script.body, script.selfIntroTemplate, script.rules]
    .filter(present)
    .map((s) => s.trim())
    .join('\n\n');
}
