import { Select, type SelectProps } from '@mantine/core';
import { type Control, type FieldPath, type FieldValues, useController } from 'react-hook-form';
import { LEGAL_FORMS } from './labels';

type FormSelectProps<Values extends FieldValues, Name extends FieldPath<Values>> = Omit<
  SelectProps,
  'value' | 'onChange' | 'onBlur' | 'error' | 'name'
> & {
  control: Control<Values>;
  name: Name;
  /** Called once the field holds the new choice, e.g. to clear a field that depends on it. */
  onPicked?: (value: string) => void;
  /** Shown when the field itself has no error, e.g. the choices failed to load. */
  fallbackError?: string;
};

/**
 * A Mantine Select bound to a react-hook-form field: the field holds the chosen value, or ''
 * when nothing is chosen, and the field's validation message is the select's error.
 */
export function FormSelect<Values extends FieldValues, Name extends FieldPath<Values>>({
  control,
  name,
  onPicked,
  fallbackError,
  ...select
}: FormSelectProps<Values, Name>) {
  const {
    field: { ref, value, onChange, onBlur },
    fieldState: { error },
  } = useController({ control, name });
  return (
    <Select
      {...select}
      ref={ref}
      value={value || null}
      onChange={(choice) => {
        onChange(choice ?? '');
        onPicked?.(choice ?? '');
      }}
      onBlur={onBlur}
      error={error?.message ?? fallbackError}
    />
  );
}

/** The structure's legal form, from the list the api knows; it may stay empty. */
export function LegalFormSelect<Values extends FieldValues, Name extends FieldPath<Values>>({
  control,
  name,
}: {
  control: Control<Values>;
  name: Name;
}) {
  return (
    <FormSelect
      control={control}
      name={name}
      label="Forme juridique"
      data={LEGAL_FORMS}
      clearable
    />
  );
}
