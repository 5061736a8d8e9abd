import { useState, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

type FileInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'id'> & {
  id: string;
  /** The field's own label, above the button (what getByLabel finds). */
  label: string;
  onFile: (file: File | undefined, input: HTMLInputElement) => void;
};

/**
 * A file picker in the console's language: the browser's own button speaks the browser's language
 * ("Choose File"), so the input is visually hidden (still focusable and labelled) and a labelled
 * button and the chosen file's name stand in for it.
 */
export function FileInput({ id, label, onFile, disabled, ...input }: FileInputProps) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string>();
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <div className="file-picker">
        <input
          {...input}
          id={id}
          type="file"
          className="file-input"
          disabled={disabled}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            setChosen(file?.name);
            onFile(file, e.currentTarget);
          }}
        />
        <label htmlFor={id} className={`button file-button${disabled ? ' disabled' : ''}`} aria-hidden="true">
          {t('file.choose')}
        </label>
        <span className="file-name muted" aria-live="polite">
          {chosen ?? t('file.none')}
        </span>
      </div>
    </>
  );
}
