// src/services/api/errorHandler.js
class ErrorHandler {
  constructor() {
    this.errorHandlers = new Map();
    this.setupDefaultHandlers();
  }

  setupDefaultHandlers() {
    // Network errors
    this.registerHandler('NetworkError', (error) => {
      console.error('Network error:', error);
      this.showNotification('Connection error. Please check your internet.');
    });

    // Validation errors
    this.registerHandler('ValidationError', (error) => {
      const messages = error.response?.data?.errors || [];
      messages.forEach(msg => this.showNotification(msg, 'warning'));
    });

    // Server errors
    this.registerHandler('ServerError', (error) => {
      console.error('Server error:', error);
      this.showNotification('Server error. Please try again later.');
    });

    // Rate limiting
    this.registerHandler('RateLimitError', (error) => {
      const retryAfter = error.response?.headers['retry-after'];
      this.showNotification(`Too many requests. Try again in ${retryAfter} seconds.`);
    });
  }

  registerHandler(errorType, handler) {
    this.errorHandlers.set(errorType, handler);
  }

  handle(error) {
    const errorType = this.getErrorType(error);
    const handler = this.errorHandlers.get(errorType);
    
    if (handler) {
      handler(error);
    } else {
      this.handleUnknownError(error);
    }
  }

  getErrorType(error) {
    if (!error.response) return 'NetworkError';
    
    const status = error.response.status;
    if (status === 400) return 'ValidationError';
    if (status === 429) return 'RateLimitError';
    if (status >= 500) return 'ServerError';
    
    return 'UnknownError';
  }

  handleUnknownError(error) {
    console.error('Unknown error:', error);
    this.showNotification('An unexpected error has occurred.');
  }

  showNotification(message, type = 'error') {
    // Implement according to your notification system
    console.log(`[${type}] ${message}`);
  }
}

export default new ErrorHandler();
