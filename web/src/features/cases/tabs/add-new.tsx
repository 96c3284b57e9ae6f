import type { ComponentChildren } from 'preact';

/** Below a list: the form for a new item (in a card) while open, else the button that opens it. */
export function AddNew({
  open,
  onOpen,
  label,
  inline,
  children,
}: {
  open: boolean;
  onOpen: () => void;
  label: string;
  /** the button without its own paragraph */
  inline?: boolean;
  children: ComponentChildren;
}) {
  if (open) return <div class="card">{children}</div>;
  const button = (
    <button type="button" onClick={onOpen}>
      {label}
    </button>
  );
  return inline ? button : <p>{button}</p>;
}
