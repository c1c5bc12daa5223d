import {
  type FieldError,
  type FieldPath,
  type FieldValues,
  type FormState,
  type UseFormRegister,
  type UseFormRegisterReturn,
  get,
} from 'react-hook-form';
import { z } from 'zod';

/**
 * A text field read trimmed, of `min` to `max` characters, each limit refused with its own
 * message: names, titles, reasons.
 */
export function boundedText({
  min,
  tooShort,
  max,
  tooLong,
}: {
  min: number;
  tooShort: string;
  max: number;
  tooLong: string;
}) {
  return z.string().trim().min(min, tooShort).max(max, tooLong);
}

/** The props that bind a Mantine input to one field of a form: see `fieldBinder`. */
export type BoundField<Name extends string> = UseFormRegisterReturn<Name> & {
  error: string | undefined;
};

export type FieldBinder<Values extends FieldValues> = <Name extends FieldPath<Values>>(
  name: Name,
) => BoundField<Name>;

/**
 * Binds the inputs of a react-hook-form form (TextInput, DecimalInput, Textarea, NativeSelect…):
 * `<TextInput label="Raison sociale" {...field('mandataire.legalName')} />` registers the input
 * (uncontrolled, as `register` does) and gives it the field's validation message as its error,
 * which Mantine writes under the input and ties to it (aria-invalid, aria-describedby).
 */
export function fieldBinder<Values extends FieldValues>({
  register,
  formState,
}: {
  register: UseFormRegister<Values>;
  formState: FormState<NoInfer<Values>>;
}): FieldBinder<Values> {
  // Read here, while the form renders, so that the form subscribes to its errors.
  const errors = formState.errors;
  return (name) => ({
    ...register(name),
    error: get<typeof errors, FieldError | undefined>(errors, name)?.message,
  });
}
