export {
  SdkError,
  ApiError,
  AuthenticationError,
  NotFoundError,
  RateLimitError,
  ConnectionError,
  TimeoutError,
  InvalidParamsError,
  DataValidationError,
  ExportFormatError,
  PollTimeoutError,
  ReportFailedError,
  isSdkError,
  PagedIterable,
} from '@x/core';
export type { Page, ToArrayOptions } from '@x/core';
