/**
 * Input fields that refuse what they cannot take, where it is typed: the text stays as typed, the field says
 * what is allowed, and the scenario keeps its last valid value. A field left empty shows its default (and
 * what kind of default it is), so an assumption is never mistaken for a figure the user entered.
 */
import { Badge, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useId, useState } from 'react';
import { type FieldSpec, formatField, parseField, parseName } from '../model/fields';

const useStyles = makeStyles({
  label: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  input: { width: '100%', minWidth: 0 },
});

export interface DefaultInfo {
  /** The default as it reads, e.g. "$21.364 / unit" or "80 kg". */
  readonly display: string;
  /** Its kind, e.g. "assumption", "catalog", "built-in payer profile". */
  readonly label: string;
}

export interface NumberFieldProps {
  readonly label: string;
  readonly spec: FieldSpec;
  readonly value: number | undefined;
  readonly onCommit: (value: number | undefined) => void;
  /** For an optional field: what an empty field means. */
  readonly defaultInfo?: DefaultInfo;
  /** A unit shown after the input: "%", "mg", "$ / unit". */
  readonly unit?: string;
  readonly hint?: string;
  readonly disabled?: boolean;
  /** Checks beyond the field's own limits (e.g. a unique name); returns a message to refuse. */
  readonly extraCheck?: (value: number | undefined) => string | null;
  /** Label beside the input rather than above it. */
  readonly horizontal?: boolean;
}

const useRowStyles = makeStyles({
  row: { gridTemplateColumns: 'minmax(0, 1fr) 104px', columnGap: tokens.spacingHorizontalS, alignItems: 'center' },
});

/** Label text with a "default" badge while the field is empty. */
function LabelWithDefault(props: { text: string; usesDefault: boolean; kind?: string }) {
  const styles = useStyles();
  return (
    <span className={styles.label}>
      {props.text}
      {props.usesDefault ? (
        <Badge appearance="tint" color="warning" size="small">
          {props.kind === undefined || props.kind.length > 14 ? 'default' : `default: ${props.kind}`}
        </Badge>
      ) : null}
    </span>
  );
}

export function NumberField(props: NumberFieldProps) {
  const styles = useStyles();
  const rowStyles = useRowStyles();
  const id = useId();
  const shown = formatField(props.value, props.spec);
  const [text, setText] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  const [focused, setFocused] = useState(false);

  // A new value from elsewhere (the Scenario sheet, a reset) replaces the text unless the user is typing here.
  useEffect(() => {
    if (!focused) {
      setText(shown);
      setError(null);
    }
  }, [shown, focused]);

  const onChange = (next: string): void => {
    setText(next);
    const parsed = parseField(next, props.spec);
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    const extra = props.extraCheck?.(parsed.value) ?? null;
    if (extra !== null) {
      setError(extra);
      return;
    }
    setError(null);
    if (parsed.value !== props.value) props.onCommit(parsed.value);
  };

  const usesDefault = props.value === undefined && props.defaultInfo !== undefined;
  const defaultText = props.defaultInfo && usesDefault ? `Default ${props.defaultInfo.display} (${props.defaultInfo.label}).` : undefined;
  const hint = [defaultText, props.hint].filter((h) => h !== undefined).join(' ') || undefined;
  return (
    <Field
      orientation={props.horizontal ? 'horizontal' : 'vertical'}
      className={props.horizontal ? rowStyles.row : undefined}
      label={{ children: <LabelWithDefault text={props.label} usesDefault={usesDefault} kind={props.defaultInfo?.label} />, htmlFor: id }}
      validationState={error === null ? 'none' : 'error'}
      validationMessage={error ?? undefined}
      hint={error === null ? hint : undefined}
    >
      <Input
        id={id}
        className={styles.input}
        value={text}
        inputMode="decimal"
        disabled={props.disabled}
        placeholder={usesDefault ? props.defaultInfo?.display : undefined}
        contentAfter={props.unit === undefined ? undefined : <span aria-hidden="true">{props.unit}</span>}
        onChange={(_e, data) => onChange(data.value)}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        aria-invalid={error !== null}
      />
    </Field>
  );
}

export interface TextFieldProps {
  readonly label: string;
  readonly value: string;
  /** What the text names, for the refusal message: "practice name". */
  readonly what: string;
  readonly onCommit: (value: string) => void;
  readonly extraCheck?: (value: string) => string | null;
  readonly hint?: string;
}

export function TextField(props: TextFieldProps) {
  const styles = useStyles();
  const id = useId();
  const [text, setText] = useState(props.value);
  const [error, setError] = useState<string | null>(null);
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) {
      setText(props.value);
      setError(null);
    }
  }, [props.value, focused]);
  const onChange = (next: string): void => {
    setText(next);
    const parsed = parseName(next, props.what);
    const message = parsed.ok ? (props.extraCheck?.(parsed.value) ?? null) : parsed.message;
    setError(message);
    if (parsed.ok && message === null && parsed.value !== props.value) props.onCommit(parsed.value);
  };
  return (
    <Field
      label={{ children: props.label, htmlFor: id }}
      validationState={error === null ? 'none' : 'error'}
      validationMessage={error ?? undefined}
      hint={error === null ? props.hint : undefined}
    >
      <Input
        id={id}
        className={styles.input}
        value={text}
        onChange={(_e, data) => onChange(data.value)}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        aria-invalid={error !== null}
      />
    </Field>
  );
}
