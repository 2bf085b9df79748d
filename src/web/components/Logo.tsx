import { Group, Text } from '@mantine/core';

/** Relais mark + word mark. */
export function Logo({ size = 28 }: { size?: number }) {
  return (
    <Group gap={8} wrap="nowrap">
      <img src="/icon.svg" width={size} height={size} alt="" />
      <Text fw={800} fz={size * 0.7} lh={1}>
        Relais
      </Text>
    </Group>
  );
}
