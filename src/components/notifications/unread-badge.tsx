/** Unread count after the "Notifications" navigation label; nothing when zero. */
export function UnreadBadge({ count }: { count: number }) {
  if (count <= 0) return null;
  return (
    <span className="ml-auto rounded-pill bg-brand-600 px-1.5 py-0.5 text-xs font-semibold text-white" data-testid="unread-notifications">
      {count > 99 ? "99+" : count}
      <span className="sr-only"> unread</span>
    </span>
  );
}
