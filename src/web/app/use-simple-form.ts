import { useCallback, useState, type ChangeEvent, type FormEvent } from 'react';

export type FormErrors<T> = Partial<Record<keyof T & string, string>>;

/**
 * Just enough form state for our small forms (text fields, client checks, server field errors)
 * without another dependency.
 */
export function useSimpleForm<T extends Record<string, string>>(
  initial: T,
  validate: (values: T) => FormErrors<T> = () => ({}),
) {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<FormErrors<T>>({});

  const setValue = useCallback((name: keyof T & string, value: string) => {
    setValues((current) => ({ ...current, [name]: value }));
    setErrors((current) => (current[name] ? { ...current, [name]: undefined } : current));
  }, []);

  const inputProps = (name: keyof T & string) => ({
    value: values[name],
    error: errors[name],
    onChange: (event: ChangeEvent<HTMLInputElement>) => setValue(name, event.currentTarget.value),
  });

  const onSubmit = (handler: (values: T) => void) => (event: FormEvent) => {
    event.preventDefault();
    const found = validate(values);
    setErrors(found);
    if (Object.values(found).every((message) => !message)) handler(values);
  };

  const reset = () => {
    setValues(initial);
    setErrors({});
  };

  return { values, errors, setErrors, setValue, inputProps, onSubmit, reset };
}
