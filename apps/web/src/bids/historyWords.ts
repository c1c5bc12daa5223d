// Who acted, in the history: people by name and capacity, the members' vote as theirs.

/** What the history needs of one entry (the api's HistoryPageDto item). */
export interface ActorEntry {
  actor: string;
  actorName?: string | null;
  action: string;
  after?: unknown;
}

const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
const text = (value: unknown, key: string): string | null => {
  const found = field(value, key);
  return typeof found === 'string' && found.trim() !== '' ? found : null;
};
const count = (value: unknown, key: string): number | null => {
  const found = field(value, key);
  return typeof found === 'number' ? found : null;
};

/** « 12 voix pour sur 14 » */
function votes(approving: number, members: number): string {
  return `${approving} voix pour sur ${members}`;
}

/**
 * Who the history credits: the members' collective decision for an approval (not the last voter,
 * whose ballot only completed it), the signatory by name and capacity for a signature (not the
 * worker that applied it), a person by name, Cordage's own processes by what they are.
 */
export function actorOf(entry: ActorEntry): string {
  if (entry.action === 'bid.transition' && text(entry.after, 'event') === 'AGREE') {
    const decision = field(entry.after, 'decision');
    const approving = count(decision, 'approving');
    const members = count(decision, 'members');
    return approving !== null && members !== null
      ? `Décision collective (${votes(approving, members)})`
      : 'Décision collective des membres';
  }
  if (entry.action === 'document.signed') {
    const signer = text(entry.after, 'signer');
    const capacity = text(entry.after, 'capacity');
    if (signer) return capacity ? `${signer}, ${capacity}` : signer;
    return 'Le signataire du membre';
  }
  if (entry.actor === 'worker') return 'Cordage (automatique)';
  if (entry.actor === 'cli') return 'Administration (ligne de commande)';
  // The api's word for an actor the bid's transparency does not show this reader.
  if (entry.actor === 'masqué') return 'Non communiqué';
  return entry.actorName ?? entry.actor;
}
