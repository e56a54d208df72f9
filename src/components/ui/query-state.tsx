import type { ReactNode } from "react";
import { errorDetails } from "@/lib/trpc-errors";
import { ErrorState } from "./error-state";
import { LoadingState } from "./spinner";

/** The part of a TanStack query result the state needs (useQuery's result fits). */
export type QueryLike<T> = { isPending: boolean; isError: boolean; error: unknown; data: T | undefined; refetch: () => unknown };

export type QueryStateProps<T> = {
  query: QueryLike<T>;
  /** Names the loading placeholder for screen readers, e.g. "Loading staff". */
  loadingLabel: string;
  /** Skeleton rows while loading. */
  rows?: number;
  /** Error heading and message; the message defaults to the server's safe message. */
  errorTitle?: ReactNode;
  errorMessage?: ReactNode;
  className?: string;
  /** Renders the loaded data. */
  children: (data: T) => ReactNode;
};

/**
 * Loading → error (with retry) → content, the three states every client list and panel shows.
 * For client components (the content is a render function).
 */
export function QueryState<T>({ query, loadingLabel, rows, errorTitle, errorMessage, className, children }: QueryStateProps<T>) {
  if (query.isPending) return <LoadingState label={loadingLabel} rows={rows} className={className} />;
  if (query.isError || query.data === undefined) {
    return <ErrorState title={errorTitle} message={errorMessage ?? errorDetails(query.error).message} onRetry={() => void query.refetch()} className={className} />;
  }
  return <>{children(query.data)}</>;
}
