import { useEffect } from 'react';

/** Sets the browser tab title to "<title> · Relais". */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Relais` : 'Relais';
  }, [title]);
}
