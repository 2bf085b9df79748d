import { Typography } from '@mantine/core';

/** HTML sanitised by the server (knowledge bodies, situation advice): rendered as is, long words wrapped. */
export function Html({ html }: { html: string }) {
  return (
    <Typography>
      <div
        data-testid="knowledge-html"
        style={{ overflowWrap: 'anywhere' }}
        dangerouslySetInnerHTML={{ __html: html }}
      />
    </Typography>
  );
}
