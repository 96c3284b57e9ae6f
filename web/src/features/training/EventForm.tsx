/**
 * The training event form (new and edit): title, type, topics (one a line), dates, mode, place,
 * organiser, trainers (one a line: "Nama; Lembaga").
 */
import './words.ts';
import { useState } from 'preact/hooks';
import type { TrainingEventDto, TrainingOptionsDto } from '../../../../src/domain/contract/training.ts';
import { trainingTypeName } from '../../../../src/domain/training-types.ts';
import type { ApiError } from '../../api.ts';
import { ErrorSummary, SelectField, Submit, TextArea, TextField } from '../../components/form.tsx';
import { getLang, t } from '../../i18n/index.ts';
import { fmtDate } from '../../lib/format.ts';

export type EventValues = {
  title: string;
  typeId: string;
  topics: string[];
  startsOn: string;
  endsOn: string;
  mode: string;
  place: string | null;
  organiserOrgId: string;
  trainers: Array<{ name: string; institution: string | null }>;
};

/** A training type's name in the reader's language (the default types have English names). */
export function typeName(id: string, name: string): string {
  return trainingTypeName(id, name, getLang());
}

export function attendanceLabel(a: string): string {
  return a === 'hadir' ? t('train.present') : a === 'tidak_hadir' ? t('train.absent') : t('train.registered');
}

export function dates(a: string, b: string): string {
  return a === b ? fmtDate(a) : `${fmtDate(a)} – ${fmtDate(b)}`;
}

export const MODES = ['luring', 'daring', 'campuran'] as const;

export function modeLabel(m: string): string {
  return m === 'daring'
    ? t('train.modeDaring')
    : m === 'campuran'
      ? t('train.modeCampuran')
      : t('train.modeLuring');
}

function parseTrainers(s: string): EventValues['trainers'] {
  return s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [name, ...rest] = l.split(';');
      const institution = rest.join(';').trim();
      return { name: (name ?? '').trim(), institution: institution || null };
    });
}

export function EventForm({
  prefix,
  options,
  initial,
  busy,
  error,
  attempt,
  submitText,
  onSubmit,
}: {
  prefix: string;
  options: TrainingOptionsDto;
  initial?: TrainingEventDto;
  busy: boolean;
  error: ApiError | null;
  attempt: number;
  submitText: string;
  onSubmit: (v: EventValues) => void;
}) {
  const [title, setTitle] = useState(initial?.title ?? '');
  const [typeId, setTypeId] = useState(initial?.type.id ?? '');
  const [topics, setTopics] = useState(initial?.topics.join('\n') ?? '');
  const [startsOn, setStartsOn] = useState(initial?.startsOn ?? '');
  const [endsOn, setEndsOn] = useState(initial?.endsOn ?? '');
  const [mode, setMode] = useState(initial?.mode ?? 'luring');
  const [place, setPlace] = useState(initial?.place ?? '');
  const [organiserOrgId, setOrganiser] = useState(initial?.organiser.id ?? '');
  const [trainers, setTrainers] = useState(
    initial?.trainers.map((x) => (x.institution ? `${x.name}; ${x.institution}` : x.name)).join('\n') ?? '',
  );
  const labels = {
    title: t('train.titleField'),
    typeId: t('train.type'),
    topics: t('train.topics'),
    startsOn: t('train.startsOn'),
    endsOn: t('train.endsOn'),
    mode: t('train.mode'),
    place: t('train.place'),
    organiserOrgId: t('train.organiser'),
    trainers: t('train.trainers'),
  };
  const types = options.types.map((x) => ({ value: x.id, text: typeName(x.id, x.name) }));
  if (initial && !types.some((x) => x.value === initial.type.id))
    types.push({ value: initial.type.id, text: typeName(initial.type.id, initial.type.name) });
  const submit = (e: Event) => {
    e.preventDefault();
    onSubmit({
      title,
      typeId,
      topics: topics
        .split('\n')
        .map((x) => x.trim())
        .filter(Boolean),
      startsOn,
      endsOn,
      mode,
      place: place.trim() || null,
      organiserOrgId,
      trainers: parseTrainers(trainers),
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={submitText}>
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} />
      <TextField
        prefix={prefix}
        name="title"
        label={labels.title}
        value={title}
        onValue={setTitle}
        maxLength={300}
        error={error}
        required
      />
      <SelectField
        prefix={prefix}
        name="typeId"
        label={labels.typeId}
        value={typeId}
        onValue={setTypeId}
        options={types}
        error={error}
        required
      />
      <TextArea
        prefix={prefix}
        name="topics"
        label={labels.topics}
        hint={t('train.topicsHint')}
        value={topics}
        onValue={setTopics}
        rows={3}
        error={error}
      />
      <TextField
        prefix={prefix}
        name="startsOn"
        label={labels.startsOn}
        type="date"
        value={startsOn}
        onValue={setStartsOn}
        error={error}
        required
      />
      <TextField
        prefix={prefix}
        name="endsOn"
        label={labels.endsOn}
        type="date"
        value={endsOn}
        onValue={setEndsOn}
        error={error}
        required
      />
      <SelectField
        prefix={prefix}
        name="mode"
        label={labels.mode}
        value={mode}
        onValue={setMode}
        options={MODES.map((m) => ({ value: m, text: modeLabel(m) }))}
        empty={false}
        error={error}
        required
      />
      <TextField
        prefix={prefix}
        name="place"
        label={labels.place}
        value={place}
        onValue={setPlace}
        maxLength={300}
        error={error}
      />
      <SelectField
        prefix={prefix}
        name="organiserOrgId"
        label={labels.organiserOrgId}
        value={organiserOrgId}
        onValue={setOrganiser}
        options={options.organisations.map((o) => ({ value: o.id, text: o.name }))}
        error={error}
        required
      />
      <TextArea
        prefix={prefix}
        name="trainers"
        label={labels.trainers}
        hint={t('train.trainersHint')}
        value={trainers}
        onValue={setTrainers}
        rows={3}
        error={error}
      />
      <Submit busy={busy}>{submitText}</Submit>
    </form>
  );
}
