/**
 * The Spanish sentence for an error (errors.ts, the one vocabulary) as a component, for the pages shoppers land
 * on (catalog, product): the vocabulary is downloaded the first time one of them has an error to show, not
 * with every first page. Until it is there, or when it cannot be downloaded (the network is down), the page's
 * own sentence stands in: "No pudimos cargar los productos. Inténtalo de nuevo en un momento."
 */
import { lazy, Suspense } from 'react';
import type { ErrorContext } from './errors';

interface ErrorTextProps {
  readonly error: unknown;
  /** `action` says what failed, for the stand-in and the generic messages. */
  readonly context: ErrorContext & { readonly action: string };
}

function StandIn({ context }: Pick<ErrorTextProps, 'context'>) {
  return <>{context.action} Inténtalo de nuevo en un momento.</>;
}

const Vocabulary = lazy(() =>
  import('./errors').then(
    ({ errorMessage }) => ({ default: ({ error, context }: ErrorTextProps) => <>{errorMessage(error, context)}</> }),
    () => ({ default: StandIn }),
  ),
);

export function ErrorText({ error, context }: ErrorTextProps) {
  return (
    <Suspense fallback={<StandIn context={context} />}>
      <Vocabulary error={error} context={context} />
    </Suspense>
  );
}
