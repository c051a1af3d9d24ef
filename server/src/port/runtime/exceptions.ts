// PHP's exception classes, shared by the runtime (catch, instanceof) and the engine (which
// class names a port can throw and catch).

// PHP's built-in exception classes and their parents, for `catch (RuntimeException $e)`.
export const PHP_ERROR_PARENTS: Record<string, string> = {
  Exception: 'Throwable',
  Error: 'Throwable',
  ErrorException: 'Exception',
  RuntimeException: 'Exception',
  LogicException: 'Exception',
  JsonException: 'Exception',
  InvalidArgumentException: 'LogicException',
  DomainException: 'LogicException',
  LengthException: 'LogicException',
  OutOfRangeException: 'LogicException',
  BadFunctionCallException: 'LogicException',
  UnexpectedValueException: 'RuntimeException',
  OutOfBoundsException: 'RuntimeException',
  OverflowException: 'RuntimeException',
  UnderflowException: 'RuntimeException',
  RangeException: 'RuntimeException',
  TypeError: 'Error',
  ValueError: 'Error',
  ArithmeticError: 'Error',
  DivisionByZeroError: 'ArithmeticError',
  ArgumentCountError: 'TypeError',
  UnhandledMatchError: 'Error',
};
