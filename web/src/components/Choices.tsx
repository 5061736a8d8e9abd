interface ChoicesProps {
  id: string;
  legend: string;
  type: 'radio' | 'checkbox';
  options: { value: string; label: string; hint?: string }[];
  /** The chosen value (radio) or values (checkbox). */
  value: string | readonly string[];
  onChange: (value: string, checked: boolean) => void;
  hint?: string;
  error?: string;
  disabled?: boolean;
}

/** Radio buttons or checkboxes in a fieldset: its legend names the group, each option has its own label. */
export function Choices({ id, legend, type, options, value, onChange, hint, error, disabled }: ChoicesProps) {
  const chosen = (v: string) => (typeof value === 'string' ? value === v : value.includes(v));
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    // The group is named by its visible legend through aria-labelledby as well, so it can be found by label.
    <fieldset
      className="field choices"
      id={id}
      role={type === 'radio' ? 'radiogroup' : 'group'}
      aria-labelledby={`${id}-legend`}
      aria-describedby={describedBy}
      aria-invalid={error ? true : undefined}
    >
      <legend id={`${id}-legend`}>{legend}</legend>
      {hint && <small id={`${id}-hint`} className="hint">{hint}</small>}
      <div className="choice-list">
        {options.map((o) => (
          <div key={o.value} className={`choice${chosen(o.value) ? ' chosen' : ''}`}>
            <input
              type={type}
              id={`${id}-${o.value}`}
              name={id}
              value={o.value}
              checked={chosen(o.value)}
              disabled={disabled}
              aria-describedby={o.hint ? `${id}-${o.value}-hint` : undefined}
              onChange={(e) => onChange(o.value, e.target.checked)}
            />
            <label htmlFor={`${id}-${o.value}`}>
              <span className="choice-label">{o.label}</span>
              {o.hint && (
                <small id={`${id}-${o.value}-hint`} className="hint">
                  {o.hint}
                </small>
              )}
            </label>
          </div>
        ))}
      </div>
      {error && <small id={`${id}-error`} className="field-error" role="alert">{error}</small>}
    </fieldset>
  );
}
