import { ScrollArea, Text } from '@mantine/core';

/** A version of the charter to read, in a bordered box that scrolls when it is long. */
export function CharterText({
  version,
  text,
  maxHeight,
}: {
  version: number;
  text: string;
  maxHeight: number;
}) {
  return (
    // Focusable so that a keyboard user can scroll a long text.
    <ScrollArea.Autosize
      mah={maxHeight}
      type="auto"
      tabIndex={0}
      aria-label={`Texte de la charte, version ${version}`}
      style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4 }}
    >
      <Text p="sm" size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {text}
      </Text>
    </ScrollArea.Autosize>
  );
}
