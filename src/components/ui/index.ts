export { Badge, StatusDot, type BadgeProps, type StatusDotProps } from "./badge";
export { Button, buttonClasses, type ButtonProps, type ButtonSize, type ButtonVariant } from "./button";
export { Callout, type CalloutProps } from "./callout";
export { Card, CardFooter, CardHeader, type CardHeaderProps, type CardProps } from "./card";
export { ChannelBadge, channelName, type Channel, type ChannelBadgeProps } from "./channel-badge";
export { Checkbox, type CheckboxProps } from "./checkbox";
export { ConfirmDialog, type ConfirmDialogProps } from "./confirm-dialog";
export { CopyButton, type CopyButtonProps } from "./copy-button";
export { controlBase, cx, focusRing } from "./cx";
export { DescriptionItem, DescriptionList, type DescriptionItemProps, type DescriptionListProps } from "./description-list";
export { Dialog, type DialogProps } from "./dialog";
export { EmptyState, type EmptyStateProps } from "./empty-state";
export { ErrorState, type ErrorStateProps } from "./error-state";
export { FieldError, fieldIds, FormField, type FieldControlProps, type FormFieldProps } from "./form-field";
export { FormDialog, type FormDialogProps } from "./form-dialog";
export * from "./icons";
export { Input, Textarea, type InputProps, type TextareaProps } from "./input";
export { Kbd } from "./kbd";
export { PageHeader, type PageHeaderProps } from "./page-header";
export { Pagination, type PaginationProps } from "./pagination";
export { ProgressSteps, Stepper, type ProgressStepsProps, type Step, type StepState } from "./progress-steps";
export { RadioGroup, type RadioGroupProps, type RadioOption } from "./radio-group";
export { RegionBadge, type Region } from "./region-badge";
export { formatAbsoluteUtc, formatRelative, RelativeTime, type RelativeTimeProps } from "./relative-time";
export { Select, type SelectOption, type SelectProps } from "./select";
export { LoadingState, Skeleton, Spinner, type LoadingStateProps, type SpinnerProps } from "./spinner";
export { ShownOnceDialog, type ShownOnceDialogProps } from "./shown-once-dialog";
export { SubmitButton, type SubmitButtonProps } from "./submit-button";
export { TabNav, type TabNavItem, type TabNavProps } from "./tab-nav";
export { QueryState, type QueryLike, type QueryStateProps } from "./query-state";
export {
  DataTable,
  Table,
  TableCaption,
  TableContainer,
  TableEmptyRow,
  TBody,
  Td,
  Th,
  THead,
  Tr,
  type DataTableColumn,
  type DataTableProps,
  type SortDirection,
  type TableContainerProps,
  type TdProps,
  type ThProps,
} from "./table";
export { Tabs, type TabItem, type TabsProps } from "./tabs";
export { Timeline, type TimelineEntry, type TimelineProps } from "./timeline";
export { toast, Toaster } from "./toaster";
export {
  channelStateLabel,
  channelStateTone,
  verdictTone,
  type ChannelState,
  type Tone,
} from "./tones";
export { Tooltip, type TooltipProps } from "./tooltip";
export { VisuallyHidden } from "./visually-hidden";
