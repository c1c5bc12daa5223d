import { Text, TextInput, type TextInputProps } from '@mantine/core';
import { type FocusEvent, type Ref, useState } from 'react';
import { type DecimalOptions, decimalText, readDecimal } from '@cordage/domain/french-decimal';

type DecimalInputProps = Omit<TextInputProps, 'type' | 'inputMode' | 'rightSection'> &
  DecimalOptions & {
    ref?: Ref<HTMLInputElement>;
    /** Shown after the number, e.g. « h » or « € ». */
    unit?: string;
  };

/** Writes `text` into the field as if typed, so that a form bound to it (register or controlled) sees it. */
function typeInto(input: HTMLInputElement, text: string) {
  // The prototype's setter, past React's own on the element, so that React sees a change.
  Reflect.set(HTMLInputElement.prototype, 'value', text, input);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * Every number field of the app: a text field with the phone's decimal keypad (never an
 * <input type="number">, which reads « 12,5 » as 125 in some browsers), read as French is
 * written. Once left, the field shows the number as it was understood (« 1200.5 » becomes
 * « 1 200,5 ») or says why it could not be read.
 */
export function DecimalInput({
  unit,
  integer,
  maxDecimals,
  error,
  onBlur,
  onChange,
  ...input
}: DecimalInputProps) {
  const [refusal, setRefusal] = useState<string | null>(null);
  const leave = (event: FocusEvent<HTMLInputElement>) => {
    const field = event.currentTarget;
    const reading = readDecimal(field.value, { integer, maxDecimals });
    if (reading.kind === 'invalid') setRefusal(reading.message);
    else if (reading.kind === 'number' && decimalText(reading.value) !== field.value)
      typeInto(field, decimalText(reading.value));
    onBlur?.(event);
  };
  return (
    <TextInput
      {...input}
      inputMode={integer ? 'numeric' : 'decimal'}
      autoComplete="off"
      rightSection={
        unit ? (
          <Text span size="sm" c="dimmed" aria-hidden>
            {unit}
          </Text>
        ) : undefined
      }
      rightSectionPointerEvents="none"
      error={error || refusal}
      onChange={(event) => {
        setRefusal(null);
        onChange?.(event);
      }}
      onBlur={leave}
    />
  );
}
