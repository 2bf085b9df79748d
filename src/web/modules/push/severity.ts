/** The colour an alert, a notification or a broadcast of this severity is shown in. */
export const severityColor = (severity: string) =>
  severity === 'blocking' ? 'red' : severity === 'warning' ? 'orange' : 'blue';
